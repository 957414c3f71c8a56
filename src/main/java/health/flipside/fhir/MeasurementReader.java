package health.flipside.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Device;

import health.flipside.facts.provenance.DeviceInfo;
import health.flipside.facts.Measurement;
import health.flipside.facts.Metric;
import health.flipside.facts.UnitConverter;

/**
 * Observations of the streams in {@link ObservationCodes} → {@link Measurement}s in each metric's unit. Only
 * patient-generated data is read (see {@link FactExtractor#isHome}; CGM data unless staff recorded it): a clinic
 * weight or a laboratory glucose is not the patient's own data. A value Flipside cannot read (no time, no value,
 * unknown unit) makes the Observation skipped, never fatal; one whose device cannot be had is kept at the lowest
 * tier.
 */
final class MeasurementReader {
    /** Glucose molar mass 180.16 g/mol: 1 mmol/L = 18.016 mg/dL. UCUM cannot convert moles to grams by itself. */
    static final double GLUCOSE_MG_DL_PER_MMOL_L = 18.016;
    private static final Set<String> DIMENSIONLESS = Set.of("1", "{steps}", "{count}", "{step}", "steps", "{#}");

    private final UnitConverter units;

    MeasurementReader(UnitConverter units) {
        this.units = units;
    }

    /** Counts of what one pass read and skipped. */
    record Read(List<Measurement> measurements, int skipped) {
    }

    Read read(List<ObservationView> observations, RecordDevices devices) {
        List<Measurement> measurements = new ArrayList<>();
        Optional<Device> onlyCgm = devices.onlyCgm();
        int skipped = 0;
        for (ObservationView observation : observations) {
            Set<String> codes = observation.code().codes();
            boolean panel = codes.contains(ObservationCodes.CGM_RANGES_PANEL);
            Optional<Metric> metric = ObservationCodes.metric(codes);
            if (metric.isEmpty() && !panel) {
                continue;
            }
            // The HL7 CGM IG's Observations name neither performer nor device, and a CGM is worn by the patient:
            // they are patient-generated unless staff recorded them.
            boolean cgm = panel || metric.get().isCgm();
            boolean patientGenerated = cgm ? !Performers.isStaffPerformed(observation) : Performers.isHome(observation);
            if (!patientGenerated) {
                continue;
            }
            Optional<Device> fallback = cgm ? onlyCgm : Optional.empty();
            int before = measurements.size();
            if (panel) {
                measurements.addAll(rangesPanel(observation, devices, fallback));
            } else {
                measurement(observation, metric.get(), observation.value(), devices, fallback).ifPresent(measurements::add);
            }
            if (measurements.size() == before) {
                skipped++;
            }
        }
        return new Read(measurements, skipped);
    }

    /** The CGM IG times-in-ranges panel: one measurement per range component. */
    private List<Measurement> rangesPanel(ObservationView observation, RecordDevices devices, Optional<Device> fallback) {
        List<Measurement> ranges = new ArrayList<>();
        for (ObservationView.Component component : observation.components()) {
            Optional<Metric> metric = ObservationCodes.metric(component.code().codes());
            if (metric.isPresent() && component.value() instanceof ObservedValue.Quantity) {
                measurement(observation, metric.get(), component.value(), devices, fallback).ifPresent(ranges::add);
            }
        }
        return ranges;
    }

    /**
     * One measurement from the Observation's value or a component's; {@code fallback} is the device of an
     * Observation that names none (else self-reported).
     */
    private Optional<Measurement> measurement(ObservationView observation, Metric metric, ObservedValue observed,
                                              RecordDevices devices, Optional<Device> fallback) {
        Optional<ObservedTime> end = observation.end();
        if (end.isEmpty()) {
            return Optional.empty();
        }
        Optional<Double> value = metric.isEvent() ? Optional.of(1.0)
                : metric == Metric.URINE_KETONES ? KetoneLevels.of(observed) : value(metric, observed);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        DeviceInfo device = DeviceInfo.SELF_REPORTED;
        String deviceId = null;
        Device resource = observation.hasDevice() ? devices.resolve(observation) : fallback.orElse(null);
        if (resource != null) {
            device = devices.classify(resource).forMetric(metric);
            deviceId = resource.getIdElement().hasIdPart() ? "Device/" + resource.getIdElement().getIdPart() : null;
        } else if (observation.hasDevice()) {
            device = devices.deviceOf(observation); // not to be had: kept at the lowest tier, counted
        }
        ObservedTime time = end.get();
        return Optional.of(new Measurement(metric, time.instant(), time.local(), observation.periodStart(), value.get(),
                device, deviceId, observation.issued()));
    }

    /** The value in the metric's unit; none when it is no finite number (1e400 reads as infinity). */
    private Optional<Double> value(Metric metric, ObservedValue observed) {
        return convertedValue(metric, observed).filter(Double::isFinite);
    }

    private Optional<Double> convertedValue(Metric metric, ObservedValue observed) {
        if (!(observed instanceof ObservedValue.Quantity quantity) || quantity.value() == null) {
            return Optional.empty();
        }
        double value = quantity.value().doubleValue();
        String unit = quantity.unit();
        if (metric == Metric.STEPS && (unit == null || DIMENSIONLESS.contains(unit))) {
            return Optional.of(value); // step counts are often sent bare or as {steps}; the code says "per day"
        }
        if (metric.unit().equals("mg/dL") && unit != null && unit.equalsIgnoreCase("mmol/L")) {
            return Optional.of(value * GLUCOSE_MG_DL_PER_MMOL_L);
        }
        return units.convert(value, unit, metric.unit());
    }
}
