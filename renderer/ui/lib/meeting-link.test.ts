import { meetingFromInput } from './meeting-link';

it.each([
  ['https://meet.example/room/k7pq-3mzt-x9aw-c4nd-h2ve', 'k7pq-3mzt-x9aw-c4nd-h2ve'],
  ['  k7pq-3mzt-x9aw-c4nd-h2ve ', 'k7pq-3mzt-x9aw-c4nd-h2ve'],
  ['K7PQ 3MZT X9AW C4ND H2VE', 'k7pq-3mzt-x9aw-c4nd-h2ve'],
  ['k7pq3mztx9awc4ndh2ve', 'k7pq-3mzt-x9aw-c4nd-h2ve'],
  ['confer://join/k7pq-3mzt-x9aw-c4nd-h2ve', 'k7pq-3mzt-x9aw-c4nd-h2ve'],
  ['team-sync', 'team-sync'],
])('%s names %s', (input, room) => {
  expect(meetingFromInput(input)).toEqual({ room });
});

it.each(['', '   ', 'https://meet.example/room/%E0%A4%A', '../etc/passwd'])('refuses %j with a reason', (input) => {
  expect(meetingFromInput(input)).toHaveProperty('problem');
});
