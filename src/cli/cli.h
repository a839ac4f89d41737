/* cli.h — entry points of the multi-call binary's tools. */
#ifndef BASALT_CLI_H
#define BASALT_CLI_H

int cli_local(int argc, char **argv);
int cli_server(int argc, char **argv);   /* src/server/server.c */

#endif
