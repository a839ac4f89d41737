SELECT formatDateTime(toDateTime('2024-01-02 03:04:05'), '%a %b %c %C %d %D %e %F %g %G %h %H %i %I %j %k %l %m %M %n %p %R %s %S %t %T %u %V %w %W %y %Y %z %%');
SELECT formatDateTime(toDateTime('2024-12-29 23:59:59'), '%G-%V %g %u %w %p %I %l %h');
SELECT formatDateTime(toDate('2024-05-06'), '%Y%m%d'), formatDateTime(toDateTime('2024-05-06 07:08:09', 'Asia/Tokyo'), '%H:%i %z'), formatDateTime(toDateTime('2024-05-06 07:08:09'), '%H:%i', 'America/New_York');
