#!/usr/bin/env node
// The auditor's command-line tool; compiled by `npm run build` (swc) into dist/.
require('../dist/apps/cli/src/main.js');
