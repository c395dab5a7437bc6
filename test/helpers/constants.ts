// Seed of the demo publication in the test template: the same content in every run.
export const TEST_SEED = 20261125;
