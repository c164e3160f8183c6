// The three parts of @microsoft/teams-ai this bot uses, from the files that define them. The package
// index also loads its AI layer (OpenAI and Azure OpenAI clients, planners, tokenizers, YAML): about
// 190 modules and 14 MB resident in every production process, none of it ever called. The package has
// no "exports" map, so these paths are public to Node; the lockfile pins the version (1.7.x, end of
// support upstream, so they will not move). Types may still come from the index: they are erased.
// lazy-dialogs first: it must be in place before teams-ai's sign-in classes require botbuilder-dialogs.
import './lazy-dialogs';

export { Application } from '@microsoft/teams-ai/lib/Application';
export { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
export { TurnState } from '@microsoft/teams-ai/lib/TurnState';
