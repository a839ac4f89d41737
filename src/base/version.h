/* version.h — the versions basalt reports. version() returns the ClickHouse
 * version whose SQL behaviour basalt follows (clients gate features on it);
 * BASALT_VERSION is basalt's own release. */
#ifndef BASALT_VERSION_H
#define BASALT_VERSION_H

#define BASALT_VERSION "0.1.0"
#define BASALT_CH_VERSION "26.7.1.1"

#endif
