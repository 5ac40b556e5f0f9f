package dev.artifactcache.membership;

import dev.artifactcache.store.RowKey;

import java.time.Instant;
import java.util.List;

/**
 * A user collection as the database holds it.
 *
 * @param id          32 lower-case hex digits
 * @param name        unique among user collections
 * @param description free text, or null
 * @param members     in the order they were added
 */
public record UserCollection(String id, String name, String description, Instant createdAt, Instant updatedAt,
                             List<Member> members) {

    public UserCollection {
        members = List.copyOf(members);
    }

    public boolean contains(RowKey artifact) {
        return members.stream().anyMatch(member -> member.artifact().equals(artifact));
    }

    UserCollection with(String newName, String newDescription, Instant at) {
        return new UserCollection(id, newName, newDescription, createdAt, at, members);
    }

    UserCollection withMembers(List<Member> newMembers, Instant at) {
        return new UserCollection(id, name, description, createdAt, at, newMembers);
    }
}
