package org.cloudtrailopensearch.loader.source;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The key prefixes that hold exactly the objects a {@link KeyLayoutFilter} selects, so that nothing outside it is
 * listed or read. Levels the filter names (organisation, account, region, day) are put into the prefix directly;
 * levels it leaves open are discovered one folder level at a time. A day range becomes year, month and day
 * prefixes ({@code 2026/}, {@code 2026/11/}, {@code 2026/11/20/}), whichever covers it with the fewest listings.
 */
public final class LayoutPrefixes {

    private static final String LAYOUT_ROOT = "AWSLogs/";
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    /** What a trail writes below an account: log files, Insights files and digests. */
    private static final List<String> RECORD_FOLDERS = List.of("CloudTrail", "CloudTrail-Insight");
    private static final String DIGEST_FOLDER = "CloudTrail-Digest";

    private LayoutPrefixes() {
    }

    /**
     * The trail root a source prefix names: the prefix itself, or the part before a trailing {@code AWSLogs/}.
     *
     * @throws IllegalArgumentException when the prefix points inside the layout, where the filters cannot apply
     */
    public static String trailRoot(String prefix) {
        String root = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        if (root.equals(LAYOUT_ROOT) || root.endsWith("/" + LAYOUT_ROOT)) {
            return root.substring(0, root.length() - LAYOUT_ROOT.length());
        }
        if (root.startsWith(LAYOUT_ROOT) || root.contains("/" + LAYOUT_ROOT)) {
            throw new IllegalArgumentException("the account, region, organisation and date filters need the trail's "
                    + "root (the part before AWSLogs/), not " + prefix);
        }
        return root;
    }

    /** The prefixes below {@code root} (empty or ending with {@code /}) to list, in key order. */
    public static List<String> compute(KeyFolders folders, String root, KeyLayoutFilter filter) throws IOException {
        List<String> prefixes = new ArrayList<>();
        for (String account : accountPrefixes(folders, root + LAYOUT_ROOT, filter)) {
            Set<String> present = Set.copyOf(folders.children(account));
            for (String kind : kinds(filter)) {
                if (present.contains(kind)) {
                    for (String region : regionPrefixes(folders, account + kind + "/", filter)) {
                        prefixes.addAll(datePrefixes(folders, region, filter));
                    }
                }
            }
        }
        prefixes.sort(null);
        return prefixes;
    }

    private static List<String> kinds(KeyLayoutFilter filter) {
        List<String> kinds = new ArrayList<>(RECORD_FOLDERS);
        if (filter.digests()) {
            kinds.add(DIGEST_FOLDER);
        }
        return kinds;
    }

    private static List<String> accountPrefixes(KeyFolders folders, String layout, KeyLayoutFilter filter)
            throws IOException {
        List<String> bases = new ArrayList<>();
        List<String> plainAccounts = new ArrayList<>();
        Optional<String> organization = filter.organizationId();
        if (organization.isPresent()) {
            bases.add(layout + organization.get() + "/");
        } else {
            for (String child : folders.children(layout)) {
                if (ORGANIZATION.matcher(child).matches()) {
                    bases.add(layout + child + "/");
                } else if (ACCOUNT.matcher(child).matches()) {
                    plainAccounts.add(child);
                }
            }
        }
        List<String> accounts = new ArrayList<>();
        for (String account : plainAccounts) {
            if (filter.accounts().isEmpty() || filter.accounts().contains(account)) {
                accounts.add(layout + account + "/");
            }
        }
        for (String base : bases) {
            if (filter.accounts().isEmpty()) {
                for (String child : folders.children(base)) {
                    if (ACCOUNT.matcher(child).matches()) {
                        accounts.add(base + child + "/");
                    }
                }
            } else {
                filter.accounts().forEach(account -> accounts.add(base + account + "/"));
            }
        }
        return accounts;
    }

    private static List<String> regionPrefixes(KeyFolders folders, String kind, KeyLayoutFilter filter)
            throws IOException {
        List<String> regions = new ArrayList<>();
        if (filter.regions().isEmpty()) {
            folders.children(kind).forEach(region -> regions.add(kind + region + "/"));
        } else {
            filter.regions().forEach(region -> regions.add(kind + region + "/"));
        }
        return regions;
    }

    private static List<String> datePrefixes(KeyFolders folders, String region, KeyLayoutFilter filter)
            throws IOException {
        if (filter.from().isEmpty() && filter.to().isEmpty()) {
            return List.of(region);
        }
        LocalDate from = filter.from().orElse(null);
        LocalDate to = filter.to().orElse(null);
        if (from == null || to == null) {
            // An open end reaches as far as the years present.
            List<Integer> years = folders.children(region).stream().filter(y -> YEAR.matcher(y).matches())
                    .map(Integer::valueOf).sorted().toList();
            if (years.isEmpty()) {
                return List.of();
            }
            from = from != null ? from : LocalDate.of(years.get(0), 1, 1);
            to = to != null ? to : LocalDate.of(years.get(years.size() - 1), 12, 31);
            if (from.isAfter(to)) {
                return List.of();
            }
        }
        List<String> prefixes = new ArrayList<>();
        for (String days : dayFolders(from, to)) {
            prefixes.add(region + days);
        }
        return prefixes;
    }

    /** The fewest {@code YYYY/}, {@code YYYY/MM/} and {@code YYYY/MM/DD/} folders that cover the days, in order. */
    static List<String> dayFolders(LocalDate from, LocalDate to) {
        List<String> folders = new ArrayList<>();
        LocalDate day = from;
        while (!day.isAfter(to)) {
            LocalDate endOfYear = day.withDayOfYear(day.lengthOfYear());
            LocalDate endOfMonth = day.withDayOfMonth(day.lengthOfMonth());
            if (day.getDayOfYear() == 1 && !endOfYear.isAfter(to)) {
                folders.add(String.format("%04d/", day.getYear()));
                day = endOfYear.plusDays(1);
            } else if (day.getDayOfMonth() == 1 && !endOfMonth.isAfter(to)) {
                folders.add(String.format("%04d/%02d/", day.getYear(), day.getMonthValue()));
                day = endOfMonth.plusDays(1);
            } else {
                folders.add(String.format("%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
                day = day.plusDays(1);
            }
        }
        return folders;
    }
}
