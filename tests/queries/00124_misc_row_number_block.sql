SELECT rowNumberInAllBlocks(), number FROM numbers(3);
SELECT blockSize() > 0, rowNumberInBlock() FROM numbers(2);
