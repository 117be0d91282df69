import { StepTimer } from './step-timer';

it('names each step with the time since the one before', () => {
  let t = 1000;
  const steps = new StepTimer(() => t);
  t += 120.4;
  steps.lap('remote');
  t += 2900.6;
  steps.lap('local');
  expect(`${steps}`).toBe('remote 120 ms, local 2901 ms');
});
