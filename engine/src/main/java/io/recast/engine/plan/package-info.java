/**
 * Migrations as plans of named steps, kept apart as Flyway keeps them: what exists ({@link
 * io.recast.engine.plan.MigrationPlan}), how to run it ({@link io.recast.engine.plan.MigrationRunner}) and what ran
 * ({@link io.recast.engine.plan.MigrationHistory}).
 */
package io.recast.engine.plan;
