package dev.valhalla.migrate.apply;

/** Which way a revision is run: its upgrade section, or its downgrade section. */
public enum Direction {
    UPGRADE,
    DOWNGRADE
}
