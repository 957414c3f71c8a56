package health.flipside.facts;

/**
 * SpO2 from fingertip (transmissive) oximeters of Tier A or B in the recent window: the only SpO2 threshold logic may
 * rest on (clinical.md §4.3). Present when there is at least one such reading.
 *
 * @param lowReadings        readings at or below the low threshold
 * @param lowDays            distinct days with such a reading
 * @param lowValues          those values, oldest first ("91%, 90%")
 * @param chronicLungDisease documented chronic lung disease: targets differ, no warning
 */
public record FingertipOxygen(int readings, int lowReadings, int lowDays, String lowValues, boolean chronicLungDisease,
                              Provenance provenance) {
}
