/** The failure `simulate.failAtStage` asks for. */
export class SimulatedFailure extends Error {
  readonly code = 'SIMULATED_FAILURE';
  constructor(stage: string) {
    super(`Simulated failure during the "${stage}" stage`);
    this.name = 'SimulatedFailure';
  }
}
