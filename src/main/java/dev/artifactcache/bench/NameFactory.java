package dev.artifactcache.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Unique artifact names the way people name them ({@code pdf-tools}, {@code kubernetes-architect},
 * {@code review-python-helper}); a name already taken gets a number ({@code pdf-tools-2}).
 */
final class NameFactory {

    /** Description words past the small glue words, used as the middle of three-part names. */
    private static final List<String> MIDDLE = Vocabulary.WORDS.subList(20, 260);

    private final Random random;
    private final Set<String> taken = new HashSet<>();

    NameFactory(Random random) {
        this.random = random;
    }

    String next() {
        String topic = pick(Vocabulary.TOPICS);
        int roll = random.nextInt(100);
        String name = roll < 45 ? topic + "-" + pick(Vocabulary.QUALIFIERS)
                : roll < 75 ? pick(MIDDLE) + "-" + topic + "-" + pick(Vocabulary.QUALIFIERS)
                : roll < 90 ? pick(MIDDLE) + "-" + topic
                : topic;
        String unique = name;
        for (int n = 2; !taken.add(unique); n++) {
            unique = name + "-" + n;
        }
        return unique;
    }

    private String pick(List<String> words) {
        return words.get(random.nextInt(words.size()));
    }
}
