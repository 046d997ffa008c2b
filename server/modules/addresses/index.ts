// The addresses module's face: homes as TMF673 geographic addresses, located through the
// geocoding port.
export { addressLabel, getAddress, type LocatedAddress, locateAddress } from "./locate-address";
export { type AddressInput, addressInput } from "./schemas";
