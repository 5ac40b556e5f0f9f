/**
 * The project's own benchmark (performance.md): a deterministic generator of synthetic SkillMeat
 * homes ({@link dev.artifactcache.bench.Generate}) and a runner that starts the real service on
 * them in a child JVM and measures population, restart, heap and the latency of a fixed query mix
 * over loopback HTTP ({@link dev.artifactcache.bench.Bench}). Not used by the service itself.
 */
package dev.artifactcache.bench;
