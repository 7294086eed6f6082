export { withFormPaths } from '../../forms/problem.js';
