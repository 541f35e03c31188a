/**
 * The status page and its JSON API, served by the running service: each reindexing job's step, events processed,
 * rate, ETA and a chart of its rate ({@link io.recast.status.StatusServer}, over {@link io.recast.status.JobRates}).
 */
package io.recast.status;
