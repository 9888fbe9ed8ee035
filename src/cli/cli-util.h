/* cli-util.h: what the commands of refscope-cli share. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifndef REFSCOPE_VERSION
#define REFSCOPE_VERSION "0.0"
#endif

/* Reads a whole file (NUL-terminated, malloc'd); on failure prints why
 * and returns false. */
bool cli_read_file (const char *path, char **text, size_t *length);

/* A non-negative count, with K/M/G suffixes if allow_suffix. */
bool cli_parse_count (const char *text, uint64_t *out, bool allow_suffix);

void cli_usage (FILE *out);

int cli_command_run (int argc, char **argv);
int cli_command_check (int argc, char **argv);
int cli_command_stats (int argc, char **argv);
int cli_command_render (int argc, char **argv);
