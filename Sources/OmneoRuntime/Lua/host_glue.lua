local function checked(f) -- prepended to network-bound glue: a host "misuse" answer is raised at the recipe's line
  return function(...)
    local result, err, kind = f(...)
    if kind == "misuse" then error(err, 2) end
    return result, err
  end
end
