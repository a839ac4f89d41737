SELECT formatDateTime(toDateTime('2024-05-07 08:09:03'), '%Y-%m-%d %H:%M:%S'), formatDateTime(toDateTime('2024-05-07 08:09:03'), '%d/%m/%y %I:%i %p'), formatDateTime(toDateTime('2024-05-07 08:09:03'), '%j %w %u %V %G');
SELECT formatDateTime(toDate('2024-05-07'), '%F %D %e|%a %b %M'), formatDateTime(toDateTime('2024-05-07 18:09:03'), '%T %R %r %h %k %l %s %%');
SELECT formatDateTime(toDateTime('2024-05-07 08:09:03'), '%Q %C %g %n%t|'), DATE_FORMAT(toDateTime('2024-05-07 08:09:03'), '%Y');
SELECT formatDateTime(toDateTime64('2024-05-07 08:09:03.123456', 6), '%f'), formatDateTime(toDateTime('2024-05-07 08:09:03'), '%f');
