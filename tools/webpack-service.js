const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/**
 * Webpack config of a service: bundles its own code and the libs; node_modules stay external
 * (the generated dist/apps/<service>/package.json lists them for the image).
 */
module.exports = function serviceWebpackConfig(service) {
  return {
    output: { path: join(__dirname, '..', 'dist', 'apps', service) },
    devtool: 'source-map',
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
};
