package dev.valhalla.migrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.valhalla.migrate.cli.CliRun.db;
import static dev.valhalla.migrate.cli.CliRun.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code valhalla db} commands that read only files, run in-process. */
class MigrateMainTest {

    private static final Map<String, List<String>> OPTIONS_OF_SUBCOMMANDS = Map.ofEntries(
            Map.entry("status", List.of("--format")),
            Map.entry("heads", List.of("--format")),
            Map.entry("branches", List.of("--format")),
            Map.entry("history", List.of("--offline", "--format")),
            Map.entry("graph", List.of("--format", "dot", "mermaid")),
            Map.entry("upgrade", List.of("TARGET", "heads")),
            Map.entry("downgrade", List.of("TARGET", "-N")),
            Map.entry("new", List.of("MESSAGE")),
            Map.entry("merge", List.of("--message")),
            Map.entry("stamp", List.of("TARGET")),
            Map.entry("check", List.of("--offline", "--format")),
            Map.entry("lint", List.of("--format", "lint:ignore")),
            Map.entry("test", List.of("--format")),
            Map.entry("drift", List.of("--format")),
            Map.entry("audit-alembic", List.of("DIR", "--format")));

    @Test
    void help_of_every_subcommand_exits_zero_and_names_its_options() {
        OPTIONS_OF_SUBCOMMANDS.forEach((name, specific) -> {
            CliRun run = db(name, "--help");
            assertThat(run.exitCode()).as(name).isZero();
            assertThat(run.out()).as(name)
                    .contains("Usage: valhalla db " + name, "--url", "--user", "--password", "--dir", "--lock-wait",
                            "Example")
                    .contains(specific);
        });
    }

    @Test
    void help_of_db_lists_every_subcommand() {
        CliRun run = db("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(OPTIONS_OF_SUBCOMMANDS.keySet());
    }

    @Test
    void unknown_option_exits_two_with_a_hint_on_stderr() {
        CliRun run = db("heads", "--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-option", "valhalla db heads --help");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void db_without_subcommand_exits_two_with_the_usage() {
        CliRun run = db();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("upgrade", "audit-alembic");
    }

    @Test
    void unknown_graph_format_exits_two() {
        CliRun run = db("graph", "--dir", fixture("linear").toString(), "--format", "png");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected dot, mermaid or json");
    }

    @Test
    void audit_alembic_json_is_exactly_the_graph_report_document() {
        CliRun run = db("audit-alembic", fixture("alembic_small").toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().strip()).isEqualTo("{\"revisions\": 5, \"heads\": [\"d\", \"e\"], \"bases\": [\"a\"], "
                + "\"branch_points\": [\"a\", \"b\"], \"merge_points\": [\"d\"], \"cycles\": [], "
                + "\"missing_parents\": [], \"duplicates\": [], \"ok\": true}");
    }

    @Test
    void audit_alembic_text_suggests_a_merge_for_several_heads() {
        CliRun run = db("audit-alembic", fixture("alembic_small").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("heads (2): d, e", "fix: create a merge revision joining d, e");
    }

    @Test
    void audit_alembic_exits_one_on_a_cycle_and_names_the_edge_that_closes_it() {
        CliRun json = db("audit-alembic", fixture("alembic_cycle").toString(), "--format", "json");
        CliRun text = db("audit-alembic", fixture("alembic_cycle").toString());

        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
        assertThat(json.out().strip()).isEqualTo("{\"revisions\": 5, \"heads\": [\"d\"], \"bases\": [\"x\"], "
                + "\"branch_points\": [], \"merge_points\": [], \"cycles\": [[\"a\", \"c\", \"b\", \"a\"]], "
                + "\"missing_parents\": [], \"duplicates\": [], \"ok\": false}");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("a -> c -> b -> a", "fix: remove parent b from a", "a_rev.py");
    }

    @Test
    void audit_alembic_of_a_missing_folder_exits_two() {
        CliRun run = db("audit-alembic", "/no/such/versions");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("/no/such/versions");
    }

    @Test
    void new_revision_becomes_the_only_head(@TempDir Path dir) {
        CliRun first = db("new", "create users", "--dir", dir.toString());
        CliRun second = db("new", "add email", "--dir", dir.toString());
        CliRun heads = db("heads", "--dir", dir.toString(), "--format", "json");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        Path created = Path.of(second.out().strip());
        assertThat(created).exists().hasParent(dir);
        assertThat(heads.exitCode()).isZero();
        assertThat(heads.out()).contains("\"message\" : \"add email\"").doesNotContain("create users");
    }

    @Test
    void new_revision_names_the_previous_head_as_parent(@TempDir Path dir) throws IOException {
        Path first = Path.of(db("new", "create users", "--dir", dir.toString()).out().strip());
        Path second = Path.of(db("new", "add email", "--dir", dir.toString()).out().strip());
        String firstId = first.getFileName().toString().replaceFirst("\\.sql$", "");

        assertThat(Files.readString(second)).containsPattern("(?m)^-- parents: " + firstId + "$");
    }

    @Test
    void merge_joins_two_heads_into_one(@TempDir Path dir) throws IOException {
        copy(fixture("linear"), dir);
        writeRevision(dir, "0003_other_branch", "0001_create_users");
        assertThat(db("heads", "--dir", dir.toString()).out()).contains("2 heads");

        CliRun merge = db("merge", "-m", "join branches", "--dir", dir.toString());
        CliRun heads = db("heads", "--dir", dir.toString(), "--format", "json");

        assertThat(merge.exitCode()).as(merge.toString()).isZero();
        assertThat(Files.readString(Path.of(merge.out().strip())))
                .contains("0002_add_email").contains("0003_other_branch").contains("join branches");
        assertThat(heads.out()).contains("join branches").doesNotContain("\"id\" : \"0002_add_email\"");
    }

    @Test
    void merge_with_a_single_head_fails_and_writes_nothing(@TempDir Path dir) throws IOException {
        copy(fixture("linear"), dir);

        CliRun merge = db("merge", "--dir", dir.toString());

        assertThat(merge.exitCode()).isEqualTo(1);
        assertThat(merge.err()).contains("nothing to merge", "0002_add_email");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void malformed_revision_file_exits_two_naming_file_and_line() {
        CliRun run = db("heads", "--dir", fixture("malformed").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("0002_bad_header.sql:4");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void missing_migrations_folder_exits_two() {
        CliRun run = db("heads", "--dir", "/no/such/migrations");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("/no/such/migrations");
    }

    @Test
    void graph_renders_dot_and_mermaid_with_the_parent_edge() {
        CliRun dot = db("graph", "--dir", fixture("linear").toString());
        CliRun mermaid = db("graph", "--dir", fixture("linear").toString(), "--format", "mermaid");

        assertThat(dot.exitCode()).isZero();
        assertThat(dot.out()).startsWith("digraph").contains("\"0001_create_users\" -> \"0002_add_email\"");
        assertThat(mermaid.exitCode()).isZero();
        assertThat(mermaid.out()).startsWith("graph TD").contains("-->");
    }

    @Test
    void history_offline_lists_the_files_in_apply_order() {
        CliRun run = db("history", "--offline", "--dir", fixture("linear").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().indexOf("0001_create_users")).isLessThan(run.out().indexOf("0002_add_email"));
        assertThat(run.out()).contains("2 revisions in apply order");
    }

    @Test
    void check_offline_passes_on_a_sound_history_with_only_warnings() {
        CliRun run = db("check", "--offline", "--dir", fixture("linear").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("✓ graph", "not checked (--offline)", "✓ check passed");
    }

    @Test
    void check_offline_exits_one_on_a_cycle_and_prints_its_path() {
        CliRun run = db("check", "--offline", "--dir", fixture("cycle").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("✗ graph", "a -> c -> b -> a", "✗ check failed");
    }

    @Test
    void check_offline_json_embeds_the_graph_report_and_lint_findings() {
        CliRun run = db("check", "--offline", "--dir", fixture("unsafe_index").toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("{").contains("\"graph\" : {", "\"revisions\" : 2",
                "\"rule\" : \"require-concurrent-index-creation\"", "\"database\" : null", "\"ok\" : false");
    }

    @Test
    void lint_exits_one_on_an_error_finding_and_names_file_line_and_fix() {
        CliRun run = db("lint", "--dir", fixture("unsafe_index").toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("0002_index_name.sql:6: ERROR [require-concurrent-index-creation]",
                "fix:", "1 error(s)");
    }

    @Test
    void lint_exits_zero_when_only_warnings_are_found() {
        CliRun run = db("lint", "--dir", fixture("linear").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("0 error(s)");
    }

    @Test
    void branches_lists_each_branch_point_with_its_children(@TempDir Path dir) throws IOException {
        copy(fixture("linear"), dir);
        writeRevision(dir, "0003_other_branch", "0001_create_users");

        CliRun run = db("branches", "--dir", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("0001_create_users\\s+0002_add_email, 0003_other_branch");
    }

    @Test
    void commands_that_need_only_files_report_a_broken_graph_with_exit_one() {
        CliRun run = db("heads", "--dir", fixture("cycle").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cycle a -> c -> b -> a");
    }

    static void copy(Path from, Path to) throws IOException {
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    static void writeRevision(Path dir, String id, String parent) throws IOException {
        Files.writeString(dir.resolve(id + ".sql"), """
                -- id: %s
                -- parents: %s
                -- message: %s

                -- upgrade
                CREATE TABLE IF NOT EXISTS %s (id bigint PRIMARY KEY);

                -- downgrade
                DROP TABLE IF EXISTS %s;
                """.formatted(id, parent, id.replace('_', ' '), "t" + id, "t" + id));
    }
}
