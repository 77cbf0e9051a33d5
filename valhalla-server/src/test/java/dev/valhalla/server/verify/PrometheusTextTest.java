package dev.valhalla.server.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

    @Test
    void well_formed_samples_with_labels_escapes_and_timestamps_parse() {
        PrometheusText.Result result = PrometheusText.parse("""
                # HELP http_requests_total Requests
                # TYPE http_requests_total counter
                http_requests_total{method="GET",route="/live",quote="a \\"b\\" \\\\ c\\n"} 1027 1395066363000
                jvm_memory_used_bytes{area="heap",} 1.5e+07
                process_uptime_seconds 12.5
                histogram_bucket{le="+Inf"} +Inf
                weird_value NaN

                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.samples()).isEqualTo(5);
    }

    @Test
    void every_malformed_line_is_reported_with_its_number() {
        PrometheusText.Result result = PrometheusText.parse("""
                good 1
                9starts_with_digit 1
                no_value
                bad_labels{method=GET} 1
                unterminated{a="b} 1
                not_a_number{a="b"} one
                too many values 1 2
                """);

        assertThat(result.samples()).isEqualTo(1);
        assertThat(result.problems()).hasSize(6);
        assertThat(result.problems().get(0)).startsWith("line 2: metric name expected");
        assertThat(result.problems().get(1)).startsWith("line 3:");
        assertThat(result.problems().get(4)).startsWith("line 6: value is not a number");
    }
}
