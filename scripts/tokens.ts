import { loadConfig } from '@pj/config';
import { developmentTokens } from '../apps/api/src/auth/development-tokens';

// Prints a development bearer token for every role (signed with JWT_SECRET, or the development secret).
const organisation = process.argv[2] ?? 'stockholm-county-council';
const tokens = developmentTokens(loadConfig().jwtSecret, organisation);
console.log(`Development tokens for organisation "${organisation}" (valid 30 days):\n`);
for (const [role, token] of Object.entries(tokens)) console.log(`${role.padEnd(20)} ${token}\n`);
console.log(`Use: curl -H "Authorization: Bearer <token>" http://127.0.0.1:3000/cases/<caseId>`);
