package health.flipside.facts;

import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.provenance.DeviceSource;
import health.flipside.facts.provenance.DeviceTier;
import health.flipside.facts.provenance.Provenance;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** How much data a finding rests on, in the words of the provenance line every card carries (§8, §7 gaps). */
public final class Coverage {
    private Coverage() {
    }

    /** The provenance of a finding resting on these measurements, over a look-back of {@code windowDays}. */
    public static Provenance of(List<Measurement> used, int windowDays, Provenance.NotUsed notUsed) {
        return of(used.stream().map(Measurement::device).toList(), used.stream().map(Measurement::day).toList(),
                windowDays, notUsed);
    }

    /** The same from each reading's device and local day (one entry per reading, in the same order). */
    public static Provenance of(List<DeviceInfo> devices, List<LocalDate> days, int windowDays, Provenance.NotUsed notUsed) {
        return new Provenance(source(devices), devices.size(), distinctDays(days), windowDays, longestGapDays(days),
                notUsed, leastTrusted(devices), null);
    }

    /** The devices by tier, most trusted first (the cards word them: "Tier A: clinic-issued validated device (…)"). */
    public static DeviceSource source(Collection<DeviceInfo> devices) {
        return DeviceSource.of(devices);
    }

    public static DeviceTier leastTrusted(Collection<DeviceInfo> devices) {
        return devices.stream().map(DeviceInfo::tier).max(Comparator.naturalOrder()).orElse(null);
    }

    public static int distinctDays(Collection<LocalDate> days) {
        return (int) days.stream().distinct().count();
    }

    /** The longest run of days without data between the first and the last day; a gap is never read as "normal". */
    public static int longestGapDays(Collection<LocalDate> days) {
        List<LocalDate> sorted = days.stream().distinct().sorted().toList();
        int longest = 0;
        for (int i = 1; i < sorted.size(); i++) {
            longest = Math.max(longest, (int) ChronoUnit.DAYS.between(sorted.get(i - 1), sorted.get(i)) - 1);
        }
        return longest;
    }
}
