-- a setting whose type name contains 'Int' but is not a number (IntervalOutputFormat)
SET interval_output_format = 'numeric';
SELECT getSetting('interval_output_format');
