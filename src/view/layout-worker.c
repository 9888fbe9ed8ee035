/* layout-worker.c: the thread that owns every Graphviz call. Layout
 * requests and synchronous jobs share one queue; only the newest request
 * is laid out and delivered, the ones it replaced are dropped. */
#include "layout-private.h"

typedef enum
{
  JOB_LAYOUT,
  JOB_SYNC,
  JOB_QUIT,
} JobKind;

struct ViewLayoutWorker
{
  gint refcount;        /* the owner's, and one per result on its way */
  GThread *thread;
  GAsyncQueue *jobs;
  GMainContext *context; /* where done is called */
  gint newest;          /* serial of the newest request (atomic) */
  gint closed;          /* freed by its owner: deliver nothing more (atomic) */
};

typedef struct
{
  JobKind kind;
  ViewLayoutWorker *worker;
  /* JOB_LAYOUT */
  gint serial;
  ViewScene *scene;
  ViewSizes *sizes;
  ViewLayout *previous;
  ViewLayoutEngine engine;
  ViewLayoutDone done;
  gpointer user;
  ViewLayout *result;
  /* JOB_SYNC: lives on the waiting caller's stack */
  GThreadFunc fn;
  gpointer fn_user;
  gboolean finished;
  GMutex lock;
  GCond cond;
} Job;

static ViewLayoutWorker *
worker_ref (ViewLayoutWorker *worker)
{
  g_atomic_int_inc (&worker->refcount);
  return worker;
}

static void
worker_unref (ViewLayoutWorker *worker)
{
  if (!g_atomic_int_dec_and_test (&worker->refcount))
    return;
  g_async_queue_unref (worker->jobs);
  g_main_context_unref (worker->context);
  g_free (worker);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->scene, view_scene_unref);
  g_clear_pointer (&job->sizes, view_sizes_free);
  g_clear_pointer (&job->previous, view_layout_unref);
  g_clear_pointer (&job->result, view_layout_unref);
  worker_unref (job->worker);
  g_free (job);
}

static gboolean
is_stale (Job *job)
{
  return g_atomic_int_get (&job->worker->closed)
         || job->serial != g_atomic_int_get (&job->worker->newest);
}

/* In the owner's context: a request newer than this one may have been made
 * while the result travelled. */
static gboolean
deliver (gpointer data)
{
  Job *job = data;

  if (!is_stale (job))
    job->done (job->result, job->user);
  return G_SOURCE_REMOVE;
}

static void
run_layout (Job *job)
{
  if (is_stale (job))
    {
      job_free (job);
      return;
    }
  job->result = view_layout_compute (job->scene, job->sizes, job->previous, job->engine);
  if (is_stale (job))
    {
      job_free (job);
      return;
    }
  g_main_context_invoke_full (job->worker->context, G_PRIORITY_DEFAULT, deliver, job, job_free);
}

static void
run_sync (Job *job)
{
  job->fn (job->fn_user);
  g_mutex_lock (&job->lock);
  job->finished = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

static gpointer
worker_main (gpointer data)
{
  ViewLayoutWorker *worker = data;
  /* g_main_context_invoke calls the function at once, on this thread, when
   * the target is this thread's default context and is free: with the
   * global default context as target that would run done here. A context
   * of our own makes it always queue the call. */
  GMainContext *own = g_main_context_new ();
  gboolean running = TRUE;

  g_main_context_push_thread_default (own);
  while (running)
    {
      Job *job = g_async_queue_pop (worker->jobs);

      switch (job->kind)
        {
        case JOB_LAYOUT:
          run_layout (job);
          break;
        case JOB_SYNC:
          run_sync (job);
          break;
        case JOB_QUIT:
          running = FALSE;
          job_free (job);
          break;
        }
    }
  g_main_context_pop_thread_default (own);
  g_main_context_unref (own);
  return NULL;
}

ViewLayoutWorker *
view_layout_worker_new (void)
{
  ViewLayoutWorker *worker = g_new0 (ViewLayoutWorker, 1);

  worker->refcount = 1;
  worker->jobs = g_async_queue_new ();
  worker->context = g_main_context_ref_thread_default ();
  worker->thread = g_thread_new ("refscope-layout", worker_main, worker);
  return worker;
}

void
view_layout_worker_free (ViewLayoutWorker *worker)
{
  Job *quit;

  if (worker == NULL)
    return;
  g_atomic_int_set (&worker->closed, TRUE);
  quit = g_new0 (Job, 1);
  quit->kind = JOB_QUIT;
  quit->worker = worker_ref (worker);
  g_async_queue_push (worker->jobs, quit);
  g_thread_join (worker->thread);
  worker_unref (worker);
}

void
view_layout_worker_request (ViewLayoutWorker *worker, ViewScene *scene, ViewSizes *sizes,
                            ViewLayout *previous, ViewLayoutEngine engine, ViewLayoutDone done,
                            gpointer user)
{
  Job *job;

  g_return_if_fail (worker != NULL && scene != NULL && done != NULL);

  job = g_new0 (Job, 1);
  job->kind = JOB_LAYOUT;
  job->worker = worker_ref (worker);
  job->serial = g_atomic_int_add (&worker->newest, 1) + 1;
  job->scene = view_scene_ref (scene);
  job->sizes = sizes;
  job->previous = previous ? view_layout_ref (previous) : NULL;
  job->engine = engine;
  job->done = done;
  job->user = user;
  g_async_queue_push (worker->jobs, job);
}

void
view_layout_worker_run_sync (ViewLayoutWorker *worker, GThreadFunc fn, gpointer user)
{
  Job job = { JOB_SYNC };

  g_return_if_fail (worker != NULL && fn != NULL);

  if (g_thread_self () == worker->thread)
    {
      fn (user);
      return;
    }
  job.worker = worker;
  job.fn = fn;
  job.fn_user = user;
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);
  g_async_queue_push (worker->jobs, &job);
  g_mutex_lock (&job.lock);
  while (!job.finished)
    g_cond_wait (&job.cond, &job.lock);
  g_mutex_unlock (&job.lock);
  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);
}
