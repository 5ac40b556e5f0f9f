/**
 * The command line, one jar with the service: {@code serve} (the default) runs it; the client
 * commands ({@code sync}, {@code refresh}, {@code stats}, {@code search}) call its HTTP API like
 * any other client, so they work against a service on another machine too; {@code hook} installs
 * the git hooks that refresh a collection after a pull. Output is text for people, or the
 * service's JSON with {@code --json}; the exit status tells scripts what happened ({@link ExitStatus}).
 */
package dev.artifactcache.cli;
