/** simple-peer's prebuilt browser bundle (it carries its own Node polyfills); same API as the package. */
declare module 'simple-peer/simplepeer.min.js' {
  import SimplePeer from 'simple-peer';
  export default SimplePeer;
}
