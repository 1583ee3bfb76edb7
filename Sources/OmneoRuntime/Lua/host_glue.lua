local raise = select(2, ...).raise -- prepended to network-bound glue: a host "misuse" answer is raised at the recipe's line
local function checked(f)
  return function(...)
    local result, err, kind = f(...)
    if kind == "misuse" then raise(err) end
    return result, err
  end
end
