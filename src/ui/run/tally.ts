/** The run's metrics helpers, where the Benchmark page looks for them (they live in the store). */
export { tally, toClassifyResult, type Tally } from '../../store/evaluate-run';
