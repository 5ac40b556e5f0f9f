/**
 * User collections (api.md, "Editing ... and user collections"): named sets of artifacts made in
 * the web page, kept in the database only, never in SkillMeat's files. Membership is mirrored into
 * the index documents through the same seq order as every other change, so a user collection lists,
 * searches and facets like a file collection; a durable copy in the data folder brings it back into
 * a database recovered after a crash.
 */
package dev.artifactcache.membership;
