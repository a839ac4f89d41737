SELECT lower('ÄÖÜ'), lowerUTF8('ÄÖÜ'), upperUTF8('straße'), upper('abc123'), lowerUTF8('ΑΒΓ'), upperUTF8('αβγ');
