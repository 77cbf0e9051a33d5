package dev.valhalla.server.ratelimit;

import dev.valhalla.server.core.error.ValhallaException;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request refused by a rate or quota policy: 429 with {@code Retry-After} and the policy named. */
final class RateLimitExceededException extends ValhallaException {

    RateLimitExceededException(Decision refused) {
        super(refused.policy().algorithm().quota() ? RateLimitErrorCode.QUOTA_EXCEEDED : RateLimitErrorCode.RATE_LIMITED,
                detail(refused), null, extensions(refused), refused.retryAfter());
    }

    private static String detail(Decision refused) {
        RateLimitPolicy policy = refused.policy();
        String per = switch (policy.algorithm()) {
            case DAILY_QUOTA -> "per UTC day";
            case MONTHLY_QUOTA -> "per UTC month";
            default -> "per " + policy.windowSeconds() + " s";
        };
        return "Policy '" + policy.name() + "' allows " + policy.limit() + " requests " + per + " per "
                + policy.key().wire().replace('_', ' ') + "; retry in " + Decision.ceilSeconds(refused.retryAfter()) + " s";
    }

    private static Map<String, Object> extensions(Decision refused) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("policy", refused.policy().name());
        extensions.put("limit", refused.policy().limit());
        return extensions;
    }
}
