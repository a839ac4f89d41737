SELECT empty(''), empty('a'), notEmpty(''), empty([]), notEmpty([1]), empty(map()), toTypeName(empty(''));
SELECT emptyArrayString(), emptyArrayUInt8(), toTypeName(emptyArrayString());
