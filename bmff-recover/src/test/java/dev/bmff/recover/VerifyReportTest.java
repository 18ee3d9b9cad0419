package dev.bmff.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's JSON, to the byte: what {@code bmff verify --json} prints and scripts parse. */
class VerifyReportTest {
    @Test
    void toJson_tracksProblemsAndWarnings_exactText() {
        VerifyReport r = new VerifyReport(1234,
                List.of(new VerifyReport.Track(1, "vide", "H.264 High@3.0 \"main\"", 50, 2, 2.0),
                        new VerifyReport.Track(2, "soun", null, 95, 95, 1.0 / 3)),
                List.of(new VerifyReport.Problem(40, "moov/trak[0]/mdia", "a\\b\n\t\r\u0001 é")),
                List.of(new VerifyReport.Problem(0, null, "trailer"),
                        new VerifyReport.Problem(7, "", "tiny 0.0000001")));
        assertEquals("{\"sound\":false,\"fileSize\":1234,\"tracks\":["
                + "{\"track\":1,\"handler\":\"vide\",\"codec\":\"H.264 High@3.0 \\\"main\\\"\",\"samples\":50,"
                + "\"syncSamples\":2,\"duration\":2.000000},"
                + "{\"track\":2,\"handler\":\"soun\",\"codec\":\"\",\"samples\":95,\"syncSamples\":95,"
                + "\"duration\":0.333333}],"
                + "\"problems\":[{\"offset\":40,\"path\":\"moov/trak[0]/mdia\",\"message\":\"a\\\\b\\n\\t\\r\\u0001 é\"}],"
                + "\"warnings\":[{\"offset\":0,\"path\":\"\",\"message\":\"trailer\"},"
                + "{\"offset\":7,\"path\":\"\",\"message\":\"tiny 0.0000001\"}]}", r.toJson());
    }

    @Test
    void toJson_noTrackNoProblem_sound() {
        VerifyReport r = new VerifyReport(0, List.of(new VerifyReport.Track(3, "meta", "mebx", 0, 0, 0)), List.of());
        assertEquals("{\"sound\":true,\"fileSize\":0,\"tracks\":[{\"track\":3,\"handler\":\"meta\",\"codec\":\"mebx\","
                + "\"samples\":0,\"syncSamples\":0,\"duration\":0.000000}],\"problems\":[],\"warnings\":[]}",
                r.toJson());
    }
}
