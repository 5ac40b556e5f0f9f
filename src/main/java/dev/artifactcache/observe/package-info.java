/**
 * What operators see: the meters behind {@code /observe/metrics} and the checks behind
 * {@code /observe/health}. The other packages only publish reports and counters; this package
 * turns them into Helidon meters.
 */
package dev.artifactcache.observe;
