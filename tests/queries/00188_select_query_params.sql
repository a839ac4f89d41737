SET param_x = 5;
SELECT {x:UInt32} + 1;
SET param_s = 'hello';
SELECT {s:String}, length({s:String});
SET param_arr = '[1,2,3]';
SELECT {arr:Array(UInt8)}, toTypeName({arr:Array(UInt8)});
SELECT {missing:String}; -- { serverError UNKNOWN_QUERY_PARAMETER }
SET param_bad = 'abc';
SELECT {bad:UInt8}; -- { serverError BAD_QUERY_PARAMETER }
