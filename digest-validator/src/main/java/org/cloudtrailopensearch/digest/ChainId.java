package org.cloudtrailopensearch.digest;

/**
 * One digest chain: a trail's digests for one account and delivery region.
 *
 * @param organizationId organisation id for org-trail paths ({@code AWSLogs/o-.../}), else null
 * @param accountId      account id
 * @param region         delivery region (the digest folder)
 * @param trailName      trail name from the digest file names
 * @param homeRegion     trail home region from the digest file names
 */
public record ChainId(String organizationId, String accountId, String region, String trailName, String homeRegion) {

    @Override
    public String toString() {
        return (organizationId == null ? "" : organizationId + "/") + accountId + " " + region + " trail " + trailName
                + " (home " + homeRegion + ")";
    }
}
