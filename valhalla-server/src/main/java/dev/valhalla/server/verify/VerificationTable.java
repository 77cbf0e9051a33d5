package dev.valhalla.server.verify;

/** The human form of a {@link Verification}: one line per check with ✓ or ✗, status, latency and detail. */
final class VerificationTable {

    private VerificationTable() {
    }

    static String render(Verification verification) {
        int nameWidth = "check".length();
        int pathWidth = "path".length();
        for (Verification.Check check : verification.checks()) {
            nameWidth = Math.max(nameWidth, check.name().length());
            pathWidth = Math.max(pathWidth, check.path().length());
        }
        String format = "%s %-" + nameWidth + "s  %-" + pathWidth + "s  %6s  %8s  %s%n";
        StringBuilder table = new StringBuilder("Verifying " + verification.url() + System.lineSeparator());
        table.append(String.format(format, " ", "check", "path", "status", "latency", "detail"));
        long passed = 0;
        for (Verification.Check check : verification.checks()) {
            passed += check.passed() ? 1 : 0;
            table.append(String.format(format, check.passed() ? "✓" : "✗", check.name(), check.path(),
                    check.status() == 0 ? "-" : Integer.toString(check.status()), check.latencyMs() + " ms", check.detail()));
        }
        table.append(passed).append(" of ").append(verification.checks().size()).append(" checks passed")
                .append(verification.passed() ? "." : "; verification FAILED.").append(System.lineSeparator());
        return table.toString();
    }
}
