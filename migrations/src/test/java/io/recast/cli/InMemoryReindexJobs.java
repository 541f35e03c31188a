package io.recast.cli;

import io.recast.engine.jobs.JobState;
import io.recast.engine.jobs.ReindexJob;
import io.recast.engine.jobs.ReindexJobs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ReindexJobs} in memory, for unit tests. */
final class InMemoryReindexJobs implements ReindexJobs {

    private final Map<String, ReindexJob> jobs = new LinkedHashMap<>();

    @Override
    public synchronized List<ReindexJob> list() {
        List<ReindexJob> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing(ReindexJob::started).reversed());
        return all;
    }

    @Override
    public synchronized Optional<ReindexJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized void save(ReindexJob job) {
        jobs.put(job.id(), job);
    }

    @Override
    public synchronized void progress(ReindexJob job) {
        ReindexJob stored = jobs.get(job.id());
        jobs.put(job.id(), new ReindexJob(job.id(), stored.view(), job.targetVersion(), job.target(),
                stored.state(), job.step(), job.eventsProcessed(), job.maxRate(), stored.started(), job.updated(),
                job.heartbeat(), stored.message(), job.ranges()));
    }

    @Override
    public synchronized boolean replace(ReindexJob next, JobState expected) {
        ReindexJob stored = jobs.get(next.id());
        if (stored == null || stored.state() != expected) {
            return false;
        }
        jobs.put(next.id(), new ReindexJob(stored.id(), stored.view(), stored.targetVersion(), stored.target(),
                next.state(), stored.step(), stored.eventsProcessed(), stored.maxRate(), stored.started(),
                next.updated(), stored.heartbeat(), next.message(), stored.ranges()));
        return true;
    }
}
