-- query parameters in their escaped (TSV) text form: scalars are unescaped,
-- the elements of arrays, tuples and maps are quoted with their own escapes
SET param_t = '(42,\'foo\',\'foo_\\\'_bar\',\'foo_\\t_bar\',NULL)';
SELECT {t:Tuple(Int32, String, String, String, Nullable(String))} AS v, toTypeName(v);
SET param_a = '[(1,\'a\\\'b\')]';
SELECT {a:Array(Tuple(Int32, String))};
SET param_m = '{42:(144,\'x\\ty\')}';
SELECT {m:Map(Int32, Tuple(Int32, String))};
SET param_s = 'tab\\there';
SELECT {s:String}, length({s:String});
