local omneo, host = ... -- glue(omneo, host) of omneo.params: declared recipe parameters
--- Declares the recipe's parameters and returns their values, read from --arg KEY=VALUE
--- (and tenant defaults). Raises before anything else happens when a required one is
--- missing, a value has the wrong type, or an --arg names no declared parameter.
--- Each entry: { type = "string"|"number"|"integer"|"boolean", default = ..., required = true,
---   description = "..." }.
--- Example:
---   local p = omneo.params{ min_followers = { type = "integer", default = 10000 },
---                           file = { type = "string", required = true } }
---@param spec table<string, {type: string, default: any, required: boolean, description: string}>
---@return table<string, any>
omneo.params = host["omneo.params"]
