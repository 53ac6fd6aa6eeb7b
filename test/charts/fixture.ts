/** The small results folder the chart tests draw from. */
import { fileURLToPath } from 'node:url';
import { readCsv } from '../../sim/charts/read-csv.ts';

export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/run/', import.meta.url));

export const containers = () => readCsv(`${FIXTURE_DIR}containers.csv`).rows;
export const timeseries = () => readCsv(`${FIXTURE_DIR}timeseries.csv`).rows;
export const sweep = () => readCsv(`${FIXTURE_DIR}sweep.csv`).rows;
