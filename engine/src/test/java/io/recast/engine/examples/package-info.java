/**
 * Examples for the upcaster author's guide: an upcaster, its test, and the upcaster set that registers it.
 * The guide's code snippets are copied from these files, and the build compiles and runs them.
 */
package io.recast.engine.examples;
