/**
 * Background reindexing jobs: what Recast records of each ({@link io.recast.engine.jobs.ReindexJob}), the states an
 * operator moves them through (pause, resume, cancel) and the rate limit that protects the live cluster while a job
 * replays the journal. Storage-free; the Cassandra adapter implements {@link io.recast.engine.jobs.ReindexJobs}.
 */
package io.recast.engine.jobs;
