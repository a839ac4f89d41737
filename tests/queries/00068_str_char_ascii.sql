SELECT char(72, 101, 108, 108, 111), ascii('A'), ascii(''), ascii('abc'), char(0xE2, 0x9C, 0x93);
