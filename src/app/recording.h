/* recording.h: a timeline shared between the thread that records into it
 * and the threads that read it (the canvas's scene builder, the window). */
#pragma once

#include "timeline.h"

typedef struct
{
  TraceTimeline *timeline;
  char *title;          /* the lesson's or file's name, for the window title */
  char *path;           /* the trace file it was loaded from, or NULL */
  gboolean live;        /* the runtime still holds this heap: the collector panel
                           can act on it (appending steps) */
  gboolean saved;       /* nothing recorded since it was loaded or saved */
  GRWLock lock;         /* readers hold it for reading; the engine, for writing
                           while it appends */
  gint refcount;
} RefscopeRecording;

/* Takes timeline. */
RefscopeRecording *refscope_recording_new (TraceTimeline *timeline, const char *title);
RefscopeRecording *refscope_recording_ref (RefscopeRecording *self);
void refscope_recording_unref (RefscopeRecording *self);

void refscope_recording_read_lock (RefscopeRecording *self);
void refscope_recording_read_unlock (RefscopeRecording *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RefscopeRecording, refscope_recording_unref)
