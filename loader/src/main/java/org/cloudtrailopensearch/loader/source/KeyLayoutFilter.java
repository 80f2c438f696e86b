package org.cloudtrailopensearch.loader.source;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which part of a trail in CloudTrail's key layout to load
 * ({@code AWSLogs/[o-org/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/...}): accounts, regions, an organisation and an
 * inclusive range of the UTC days in the key (the day CloudTrail filed the log under, not the event times).
 * Empty sets and absent bounds do not restrict. Immutable.
 */
public final class KeyLayoutFilter {

    private static final KeyLayoutFilter NONE = builder().build();

    private final Set<String> accounts;
    private final Set<String> regions;
    private final String organizationId;
    private final LocalDate from;
    private final LocalDate to;
    private final boolean digests;

    private KeyLayoutFilter(Builder builder) {
        this.accounts = Set.copyOf(builder.accounts);
        this.regions = Set.copyOf(builder.regions);
        this.organizationId = builder.organizationId;
        this.from = builder.from;
        this.to = builder.to;
        this.digests = builder.digests;
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("the first day (" + from + ") is after the last day (" + to + ")");
        }
    }

    /** No restriction at all. */
    public static KeyLayoutFilter none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when nothing is restricted: the source is listed as a whole, layout or not. */
    public boolean isEmpty() {
        return accounts.isEmpty() && regions.isEmpty() && organizationId == null && from == null && to == null;
    }

    public Set<String> accounts() {
        return accounts;
    }

    public Set<String> regions() {
        return regions;
    }

    public Optional<String> organizationId() {
        return Optional.ofNullable(organizationId);
    }

    public Optional<LocalDate> from() {
        return Optional.ofNullable(from);
    }

    public Optional<LocalDate> to() {
        return Optional.ofNullable(to);
    }

    /** Whether the digest files ({@code CloudTrail-Digest/}) in range are listed too, besides log and Insights files. */
    public boolean digests() {
        return digests;
    }

    /** Builder for {@link KeyLayoutFilter}. */
    public static final class Builder {
        private final Set<String> accounts = new TreeSet<>();
        private final Set<String> regions = new TreeSet<>();
        private String organizationId;
        private LocalDate from;
        private LocalDate to;
        private boolean digests;

        private Builder() {
        }

        public Builder accounts(Collection<String> accounts) {
            this.accounts.addAll(accounts);
            return this;
        }

        public Builder regions(Collection<String> regions) {
            this.regions.addAll(regions);
            return this;
        }

        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        /** The first day to load (inclusive, UTC), null for no lower bound. */
        public Builder from(LocalDate from) {
            this.from = from;
            return this;
        }

        /** The last day to load (inclusive, UTC), null for no upper bound. */
        public Builder to(LocalDate to) {
            this.to = to;
            return this;
        }

        public Builder digests(boolean digests) {
            this.digests = digests;
            return this;
        }

        public KeyLayoutFilter build() {
            accounts.forEach(Objects::requireNonNull);
            return new KeyLayoutFilter(this);
        }
    }
}
