/* recording.c: a timeline shared between its recorder and its readers. */
#include "recording.h"

RefscopeRecording *
refscope_recording_new (TraceTimeline *timeline, const char *title)
{
  RefscopeRecording *self = g_new0 (RefscopeRecording, 1);

  self->timeline = timeline;
  self->title = g_strdup (title);
  self->saved = TRUE;
  self->refcount = 1;
  g_rw_lock_init (&self->lock);
  return self;
}

RefscopeRecording *
refscope_recording_ref (RefscopeRecording *self)
{
  g_atomic_int_inc (&self->refcount);
  return self;
}

void
refscope_recording_unref (RefscopeRecording *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->refcount))
    return;
  trace_timeline_free (self->timeline);
  g_free (self->title);
  g_free (self->path);
  g_rw_lock_clear (&self->lock);
  g_free (self);
}

void
refscope_recording_read_lock (RefscopeRecording *self)
{
  g_rw_lock_reader_lock (&self->lock);
}

void
refscope_recording_read_unlock (RefscopeRecording *self)
{
  g_rw_lock_reader_unlock (&self->lock);
}
