/*
 * In-context micro-surveys (issue 10), in three parts: what an analyst defines and clients pull
 * (survey-definition), the answers clients push and the results analysts read (survey-response),
 * and the rules both sides run (survey-rules: targeting, sampling, which answers a survey takes).
 */
export * from './survey-definition';
export * from './survey-response';
export * from './survey-rules';
